"""Sessions read from the cache and kept in the database, that outlive the cache.

Django's cached_db store already reads the database when the cache fails to answer
and logs a failed write after saving. Two steps still raise while Redis restarts,
and each turned a page into a 500 for someone signed in: putting a session read
from the database back into the cache, and asking the cache whether a new session
key is taken (on signing in). Both fall back to the database here, which holds
every session anyway.

Deleting is left to raise: a session removed from the database but not from the
cache would sign its holder back in once the cache answers again.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.exception("Error reading from cache (%s)", self._cache)
            return self._load_from_database(refill_cache=False)
        return self._load_from_database(refill_cache=True) if data is None else data

    def _load_from_database(self, *, refill_cache):
        stored = self._get_session_from_db()
        if stored is None:
            return {}
        data = self.decode(stored.session_data)
        if refill_cache:
            try:
                self._cache.set(
                    self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date)
                )
            except Exception:
                logger.exception("Error saving to cache (%s)", self._cache)
        return data

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:
            logger.exception("Error reading from cache (%s)", self._cache)
            return super(cached_db.SessionStore, self).exists(session_key)
