"""Lookups the ORM lacks, used as expressions in filter()."""

from django.db.models import Lookup


class AnyOf(Lookup):
    """AnyOf(column, values): the column is one of a list of values or of a
    subquery's. PostgreSQL takes them as one array, `= ANY(%s)` or
    `= ANY(ARRAY(subquery))`: as an IN list, 5,000 ids were each prepared by
    Django and parsed by PostgreSQL (a third of a large export), and as a
    semijoin a subquery's plan was misjudged (search). Elsewhere, IN."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if self._is_subquery():
            rhs, rhs_params = self.process_rhs(compiler, connection)
            return f"{lhs} IN {rhs}", [*params, *rhs_params]
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", [*params, *self.rhs]

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if self._is_subquery():
            rhs, rhs_params = self.process_rhs(compiler, connection)
            return f"{lhs} = ANY(ARRAY{rhs})", [*params, *rhs_params]
        return f"{lhs} = ANY(%s)", [*params, list(self.rhs)]

    def _is_subquery(self):
        return hasattr(self.rhs, "as_sql")
