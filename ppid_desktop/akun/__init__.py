"""Users, roles and permissions, sign-in (argon2), personal-data access rules."""

from ppid_desktop.core.room import Cli, Command, Room, ServiceSpec

ROOM = Room(
    name="akun",
    models=("ppid_desktop.akun.models",),
    services=(ServiceSpec("akun", "ppid_desktop.akun.service:AkunService", ("store", "device")),),
    cli=Cli("ppid_desktop.akun.commands", (
        Command("audit", "jejak audit: daftar dan pemeriksaan rantai sidik (Admin)"),
    )),
)
