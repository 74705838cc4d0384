"""JSON as Django writes it, but with times to the microsecond.

Django's encoder cuts datetimes and times to the millisecond, so a restore would
give back slightly different timestamps (and reorder rows made within one
millisecond). Django's own JSON deserializer reads the full precision back."""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder


class ExactTimeEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def start_serialization(self):
        self.options["cls"] = ExactTimeEncoder
        super().start_serialization()


Deserializer = json.Deserializer
