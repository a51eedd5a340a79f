; Inno Setup 6.3+ script for the Windows installer of Involve.
;
; Build on Windows with packaging\build_windows.ps1, which makes dist\Involve\ with PyInstaller
; and then runs:   ISCC /DAppVersion=<involve_desktop.__version__> packaging\involve.iss
; Paths below are relative to this file (packaging\). tests/packaging/test_installer_script.py
; checks every file named here against the repository and the built bundle.
;
; Installs for the current user only, without administrator rights: a charity worker can
; install it on a managed office PC, and an upgrade never needs IT to come round.

; The version is never written here: it comes from involve_desktop/__init__.py through the
; build script, so the installer cannot claim a version the app does not have.
#ifndef AppVersion
  #error AppVersion is not defined. Build with packaging\build_windows.ps1, or run: ISCC /DAppVersion=0.1.0 packaging\involve.iss
#endif

; Windows' four version numbers (Properties of Setup.exe), which a version such as 0.2.0rc1 is
; not: build_windows.ps1 gives them from the same version's release part.
#ifndef AppNumericVersion
#define AppNumericVersion "0.0.0.0"
#endif

#define AppName "Involve"
#define AppExeName "Involve.exe"

[Setup]
; Fixed for ever: Windows knows an installed Involve by this id, so a newer installer upgrades
; it in place (same folder, same shortcuts, one entry in Installed apps) rather than adding a
; second copy. Never change it.
AppId={{8AE7CCD2-3B35-4401-8EAE-6A8D077AD13E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppNumericVersion}
; Per user: {autopf} is %LOCALAPPDATA%\Programs when PrivilegesRequired=lowest.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Qt 6 runs on Windows 10 version 1809 or later, 64-bit only.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\LICENSE
SetupIconFile=..\resources\icons\involve.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
OutputDir=..\dist\installer
OutputBaseFilename=Involve-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A log in %TEMP% helps whoever supports a charity when an install goes wrong.
SetupLogging=yes
; An open Involve holds its files, so it must be closed before they are replaced. Windows'
; Restart Manager asks it to close the way signing out of Windows does (WM_QUERYENDSESSION,
; then WM_ENDSESSION); Qt answers with QGuiApplication::quit(), which closes the main window
; through the app's own close (unsaved work, the offer of a due backup, today's local copy).
; If it has not closed in time, Setup says so and offers to try again once it has.
; The .pyd files are listed too: Python's compiled modules are held open like DLLs.
CloseApplications=yes
CloseApplicationsFilter=*.exe,*.dll,*.pyd
; Involve holds this named mutex while it runs (involve_desktop/__main__.py, RUNNING_MUTEX):
; Setup will not go on while it is open, so it never deletes {app}\_internal under a running
; app, even when the Restart Manager could not close it.
AppMutex=InvolveRunningMutex
; The Finish page offers to start Involve instead ([Run] below).
RestartApplications=no
#ifdef Sign
; Signs the installer and its uninstaller with the "involve" sign tool that build_windows.ps1
; passes to ISCC (/Sinvolve=signtool sign ...) when a certificate is given.
SignTool=involve
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
; Checked by default: the people who use Involve start it from the desktop.
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The previous version's libraries go before the new ones are copied, so an upgrade never
; mixes two versions of Qt or Python in one folder. Only the program folder: the data folder
; is elsewhere (see the note at the end of this file).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The PyInstaller one-folder build (packaging/involve.spec), everything in it.
Source: "..\dist\Involve\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; There is deliberately no [UninstallDelete] section and no [Code]. The uninstaller removes only
; what it installed, in the program folder. The charity's records live in the user data folder
; (involve_desktop/paths.py: platformdirs, %LOCALAPPDATA%\Involve on Windows), with the
; database, its key file, backups made before upgrades and the logs: uninstalling must never
; delete them, and installing a newer version leaves them for the app, which keeps a copy of
; the database before it migrates it at the next start (involve_desktop/db/startup.py).
