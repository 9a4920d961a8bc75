"""Field types the pydantic models share (declaration, pack, pack extension): imported only
where pydantic is."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from paiguard.vocabulary import ISO_DATE

_ISO_DATE = re.compile(ISO_DATE)


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "iso_date", "'{value}' is not a real date", {"value": value}
            ) from None
    raise PydanticCustomError(
        "iso_date", "expected an ISO date YYYY-MM-DD, got {value}", {"value": repr(value)}
    )


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
