"""Users, roles and permissions, sign-in (argon2), personal-data access rules."""
