"""paiguard: check model providers' declarations against PAI's deployment guidance."""

__version__ = "0.1.0"
