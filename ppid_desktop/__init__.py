"""PPID Desktop: public-information service, monev and official letters for Indonesian PPID offices."""

__version__ = "0.1.0"
APP_NAME = "PPID Desktop"
APP_ID = "ppid-desktop"
