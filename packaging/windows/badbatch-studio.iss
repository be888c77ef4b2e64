; Inno Setup 6 script: one setup .exe for BadBatch Studio on Windows, installed per user (no administrator).
;
; Build on Windows, after the PyInstaller bundle (see packaging/README.md):
;   .venv\Scripts\python -m PyInstaller --noconfirm --distpath packaging\dist --workpath packaging\build\pyinstaller packaging\badbatch.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\badbatch-studio.iss
; Result: packaging\dist\BadBatchStudio-<version>-windows-x64-setup.exe
;
; Installs to %LOCALAPPDATA%\Programs\BadBatch Studio, adds a Start-menu shortcut (and, if ticked, a desktop
; shortcut) for the current user, and registers an uninstaller under "Apps". Settings, runs and exports live in
; the user's AppData folders and are left in place by the uninstaller.

#define AppName "BadBatch Studio"
#define AppExe "badbatch-gui.exe"
#define BundleDir "..\dist\badbatch-studio"

; The version comes from the package metadata: the spec writes it to the bundle's VERSION file.
; Override with ISCC /DAppVersion=1.2.3.
#ifndef AppVersion
  #define VersionFile AddBackslash(SourcePath) + BundleDir + "\VERSION"
  #if FileExists(VersionFile)
    #define VersionHandle FileOpen(VersionFile)
    #define AppVersion Trim(FileRead(VersionHandle))
    #expr FileClose(VersionHandle)
  #else
    #error "No VERSION file in the bundle: build it with PyInstaller first (packaging/README.md)"
  #endif
#endif

[Setup]
; Keep this AppId for every release: Windows uses it to recognise upgrades.
AppId={{9D301EF8-92C1-4FAD-9DC4-6400DCAB731C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=BadBatch Studio developers
; Per-user install, no UAC prompt: {autopf} is %LOCALAPPDATA%\Programs when running without admin rights.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=BadBatchStudio-{#AppVersion}-windows-x64-setup
SetupIconFile=..\build\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes
; torch with CUDA makes a large bundle (about 4-5 GB unpacked). LZMA2 in one solid block in a separate process
; keeps the setup small without exhausting the compiler's memory. A compressed size above 4.2 GB would need
; DiskSpanning=yes (setup.exe + setup-*.bin files side by side); a CPU-only build is far below that.
Compression=lzma2/max
SolidCompression=yes
LZMAUseSeparateProcess=yes
LZMANumBlockThreads=4
DiskSpanning=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade must not mix the old version's libraries with the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Find bad training batches and train an image encoder"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
