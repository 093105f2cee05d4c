; Inno Setup script for the Windows installer; build_installer.py runs it when iscc is present:
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\procedures-reader /DOutputDir=dist
;        /DOutputName=procedures-reader-0.1.0-windows-amd64-setup packaging\procedures-reader.iss
; Silent install for IT: procedures-reader-...-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; (per machine when run as administrator; add /CURRENTUSER to install for one user only).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\procedures-reader"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif
#ifndef OutputName
  #define OutputName "procedures-reader-setup"
#endif

[Setup]
; a fixed AppId: upgrades replace the installed version instead of installing beside it
AppId={{6F1C4E0B-3C2A-4D8E-9B57-2D4A1E7C9F31}
AppName=Procedures Reader
AppVersion={#AppVersion}
AppPublisher=Derby City Council
AppComments=Derby City Children's Social Care Procedures, offline
DefaultDirName={autopf}\Procedures Reader
DefaultGroupName=Procedures Reader
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline dialog
OutputDir={#OutputDir}
OutputBaseFilename={#OutputName}
UninstallDisplayIcon={app}\procedures-reader.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Qt 6 runs on Windows 10 1809 or later: on anything older Setup says so, rather than
; installing an app that fails to start with a missing-DLL error
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Procedures Reader"; Filename: "{app}\procedures-reader.exe"
Name: "{autodesktop}\Procedures Reader"; Filename: "{app}\procedures-reader.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\procedures-reader.exe"; Description: "{cm:LaunchProgram,Procedures Reader}"; Flags: nowait postinstall skipifsilent
