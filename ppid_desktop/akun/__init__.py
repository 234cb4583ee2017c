"""Users, roles and permissions, sign-in (argon2), personal-data access rules."""

from ppid_desktop.core.room import Room, ServiceSpec

ROOM = Room(
    name="akun",
    models=("ppid_desktop.akun.models",),
    services=(ServiceSpec("akun", "ppid_desktop.akun.service:AkunService", ("store", "device")),),
)
