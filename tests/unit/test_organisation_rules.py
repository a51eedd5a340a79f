"""The rules for the organisation's details and its logo, and reading a logo from a file."""

import os
import struct
import zlib

import pytest

from involve_desktop.domain.organisation import (
    MAX_LOGO_BYTES,
    MAX_NAME_LENGTH,
    OrganisationDetails,
    logo_format,
    validate_logo,
    validate_organisation,
)
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.organisation import read_logo_file


def minimal_png(width=2, height=2):
    """A real, valid PNG: greyscale pixels, built with zlib and struct only."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


def errors_for(**changes):
    return validate_organisation(OrganisationDetails(**{"name": "Riverside Voices", **changes}))


def test_a_plain_organisation_has_no_errors():
    assert errors_for() == {}


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_an_empty_or_blank_name_is_refused(name):
    errors = errors_for(name=name)
    assert set(errors) == {"name"}
    assert "organisation's name" in errors["name"]


def test_a_name_that_is_too_long_is_refused():
    errors = errors_for(name="x" * (MAX_NAME_LENGTH + 1))
    assert str(MAX_NAME_LENGTH) in errors["name"]
    assert errors_for(name="x" * MAX_NAME_LENGTH) == {}


@pytest.mark.parametrize(
    "number", ["", "1234567", "1234567-1", "SC012345", "NIC100000", "123 4567", "sc012345"]
)
def test_real_charity_numbers_are_accepted(number):
    assert errors_for(charity_number=number) == {}


@pytest.mark.parametrize(
    "number", ["12345", "ABC", "SC12345", "NIC1000000", "1234567-", "1234567-123", "12-34567"]
)
def test_numbers_that_are_not_charity_numbers_are_refused(number):
    errors = errors_for(charity_number=number)
    assert set(errors) == {"charity_number"}
    assert "Leave it empty" in errors["charity_number"]


def test_a_png_header_is_recognised_and_accepted():
    png = minimal_png()
    assert logo_format(png) == "png"
    assert validate_logo(png) is None
    assert errors_for(logo=png) == {}


def test_a_jpeg_header_is_recognised():
    assert logo_format(b"\xff\xd8\xff\xe0" + b"\x00" * 20) == "jpeg"


def test_random_bytes_are_refused_with_a_plain_message():
    data = os.urandom(512).replace(b"\x89", b"\x00").replace(b"\xff", b"\x00")
    assert logo_format(data) is None
    message = validate_logo(data)
    assert message == (
        "This file is not a picture Involve can use. Please choose a PNG or JPEG image."
    )
    assert errors_for(logo=data) == {"logo": message}


def test_a_logo_over_2_mb_is_refused_with_its_size():
    big = minimal_png() + b"\x00" * MAX_LOGO_BYTES
    message = validate_logo(big)
    assert message is not None
    assert "2.0 MB" in message
    assert "under 2 MB" in message


def test_a_logo_of_exactly_2_mb_is_accepted():
    png = minimal_png()
    assert validate_logo(png + b"\x00" * (MAX_LOGO_BYTES - len(png))) is None


def test_reading_a_real_png_file_returns_its_bytes(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(minimal_png())
    assert read_logo_file(path) == minimal_png()


def test_reading_a_text_file_is_refused(tmp_path):
    path = tmp_path / "logo.png"
    path.write_text("This is not a picture.\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as raised:
        read_logo_file(path)
    assert set(raised.value.errors) == {"logo"}
    assert "PNG or JPEG" in raised.value.errors["logo"]


def test_reading_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(ValidationFailed) as raised:
        read_logo_file(tmp_path / "gone.png")
    assert raised.value.errors == {
        "logo": "Involve could not read the file gone.png. Please choose another."
    }


def test_reading_a_folder_is_refused(tmp_path):
    folder = tmp_path / "pictures.png"
    folder.mkdir()
    with pytest.raises(ValidationFailed) as raised:
        read_logo_file(folder)
    assert "could not read" in raised.value.errors["logo"]


def test_reading_a_file_over_2_mb_is_refused(tmp_path):
    path = tmp_path / "huge.png"
    path.write_bytes(minimal_png() + b"\x00" * (3 * 1024 * 1024))
    with pytest.raises(ValidationFailed) as raised:
        read_logo_file(path)
    message = raised.value.errors["logo"]
    assert "3.0 MB" in message
    assert "under 2 MB" in message
