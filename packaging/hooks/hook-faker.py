"""Faker for the bundle: only the English locales the demo uses (services/demo.py makes
`Faker("en_GB")`; a provider without an en_GB module falls back to its `default_locale`,
en_US for most, Latin for lorem).

This replaces the stock hook, which ships every locale as bytecode and as source (25 MB). In
a frozen app Faker finds its providers and locales by looking for `*/__init__.py` files on
disk under `_MEIPASS/faker/providers` (faker/utils/loading.py), so those files are shipped as
data beside the bytecode.
"""

from importlib import import_module
from pathlib import Path

from PyInstaller.utils.hooks import collect_submodules, get_package_paths

LOCALES = {"en", "en_GB", "en_US"}


def _wanted(name: str) -> bool:
    """Every provider, and a provider's locale module only for the locales kept and the
    provider's own fallback."""
    parts = name.split(".")
    if len(parts) < 4 or parts[:2] != ["faker", "providers"]:
        return True
    provider = import_module(".".join(parts[:3]))
    return parts[3] in LOCALES or parts[3] == getattr(provider, "default_locale", None)


hiddenimports = collect_submodules("faker.providers", filter=_wanted)

_, _providers_root = get_package_paths("faker.providers")
_site = Path(_providers_root).parent.parent
datas = []
for _init in sorted(Path(_providers_root).rglob("__init__.py")):
    _module = ".".join(_init.parent.relative_to(_site).parts)
    if _wanted(_module):
        datas.append((str(_init), str(_init.parent.relative_to(_site))))
