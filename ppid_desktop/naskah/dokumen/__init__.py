"""Documents built on the naskah kit; each module exposes functions from domain data to PDF bytes."""
