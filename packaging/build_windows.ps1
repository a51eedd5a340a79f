# Build the Windows installer of Involve, on a Windows 10/11 64-bit machine with Python 3.11+
# (64-bit) and Inno Setup 6.3+ installed. From the repository folder, in PowerShell:
#
#     powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
#
# To sign the app and the installer, first set INVOLVE_SIGN_THUMBPRINT to the SHA-1 thumbprint
# of a code-signing certificate in your certificate store (signtool.exe from the Windows SDK
# must be on PATH); INVOLVE_TIMESTAMP_URL changes the timestamp server. See packaging\README.md.

$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Step([string] $File, [string[]] $Arguments) {
    # Windows PowerShell 5.1 turns what a native tool writes to stderr into errors, which
    # "Stop" would halt at (pip's notices, PyInstaller's log): the exit code says if it failed.
    $ErrorActionPreference = "Continue"
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $Arguments failed with exit code $LASTEXITCODE" }
}

# 1. A virtual environment with the app and PyInstaller (the "package" extra).
# 64-bit Python: the installer and Qt 6 are 64-bit only.
if (-not (Test-Path ".venv\Scripts\python.exe")) { Invoke-Step "py" @("-3-64", "-m", "venv", ".venv") }
$python = ".venv\Scripts\python.exe"
$bits = (& $python -c "import struct; print(struct.calcsize('P') * 8)").Trim()
if ($bits -ne "64") { throw "The Python in .venv is $bits-bit: install 64-bit Python 3.11+ from python.org, delete .venv and run this again" }
Invoke-Step $python @("-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", ".[package]")

# 2. The one-folder build, dist\Involve\, then its own check that it starts and works.
Invoke-Step $python @("-m", "PyInstaller", "--noconfirm", "--clean", "packaging\involve.spec")
$exe = "dist\Involve\Involve.exe"
# Start-Process -Wait: PowerShell does not wait for a windowed program started with &. That
# program has no console either, so its steps are written to a file and shown from there.
$selfTestLog = Join-Path (Get-Location) "dist\self-test.log"
$selfTest = Start-Process -FilePath $exe -ArgumentList "--self-test", "--self-test-log", "`"$selfTestLog`"" -Wait -PassThru -NoNewWindow
if (Test-Path $selfTestLog) { Get-Content $selfTestLog | Write-Host }
if ($selfTest.ExitCode -ne 0) { throw "$exe --self-test failed with exit code $($selfTest.ExitCode)" }

# 3. The version, from the one place it is written: involve_desktop\__init__.py.
$version = (& $python -c "import involve_desktop; print(involve_desktop.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $version) { throw "Could not read the version of involve_desktop" }

# 4. Signing (optional): the app before it is packed, then Inno Setup signs the installer and
#    its uninstaller through the "involve" sign tool defined here.
# Windows' four numbers for Setup's Properties: the release part ("0.2.0rc1" gives 0.2.0.0),
# as packaging\involve.spec does for Involve.exe.
$numbers = @(([regex]::Match($version, '^\d+(\.\d+)*').Value -split '\.') + @("0", "0", "0", "0"))
$numericVersion = ($numbers[0..3]) -join "."
$iscc_args = @("/DAppVersion=$version", "/DAppNumericVersion=$numericVersion")
$thumbprint = $env:INVOLVE_SIGN_THUMBPRINT
if ($thumbprint) {
    $timestamp = if ($env:INVOLVE_TIMESTAMP_URL) { $env:INVOLVE_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    $sign_args = @("sign", "/sha1", $thumbprint, "/fd", "SHA256", "/tr", $timestamp, "/td", "SHA256")
    Invoke-Step "signtool" ($sign_args + $exe)
    # Inno Setup puts the quoted path of each file to sign in place of $f.
    $iscc_args += @("/DSign", "/Sinvolve=signtool $($sign_args -join ' ') `$f")
}

# 5. The installer, with Inno Setup's compiler (on PATH, or where its installer puts it).
$iscc = (Get-Command "ISCC.exe" -ErrorAction SilentlyContinue).Source
foreach ($candidate in @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe")) {
    if (-not $iscc -and (Test-Path $candidate)) { $iscc = $candidate }
}
if (-not $iscc) { throw "Inno Setup 6 is not installed: get it from https://jrsoftware.org/isdl.php" }
Invoke-Step $iscc ($iscc_args + "packaging\involve.iss")

$installer = Resolve-Path "dist\installer\Involve-$version-setup.exe"
Write-Host "The installer is $installer"
