"""Moving data between laptops by file: backups now; sync packages later."""
