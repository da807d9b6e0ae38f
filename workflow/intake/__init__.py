"""Reading officers' files (CSV, .xlsx) into rows the doors accept: parsing only, no writes."""
