"""Qt-free core: storage, sync-ready base record, paths, errors, calendar, dates, identity checks."""
