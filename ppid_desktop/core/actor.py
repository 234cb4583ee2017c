"""Who is acting: the signed-in user on this device. Passed explicitly into services."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    username: str
    device_id: str
    device_name: str = ""
    user_id: str | None = None
    nama: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


def system_actor(device_id: str = "system", device_name: str = "") -> Actor:
    """The app itself (migrations, seeding, CLI without a signed-in user)."""
    return Actor(username="sistem", device_id=device_id, device_name=device_name, roles=frozenset({"Admin"}))
