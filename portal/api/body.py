"""A request body passed as sent to the pure parser that checks it, documented by a schema."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Body
from pydantic import PlainValidator


def checked_by_parser(schema: type) -> Any:
    """The JSON body as ninja's parser read it, untouched (the operation's pure parser says
    what is wrong with it, in French); the OpenAPI document shows ``schema`` for it."""
    return Annotated[
        Any, PlainValidator(lambda value: value, json_schema_input_type=schema), Body()
    ]
