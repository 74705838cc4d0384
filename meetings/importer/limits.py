"""Limits on reading a file, whatever its contents: how deep its HTML nests, and how
long the whole reading may take."""

import itertools
import multiprocessing
import operator
import re

from meetings.importer.errors import MinutesError

# Pages saved from Word nest a few dozen deep; the parser's time grows with depth.
MAX_HTML_DEPTH = 1_000
# Elements that never hold others, so never nest.
VOID_ELEMENTS = frozenset(
    b"area base br col embed hr img input link meta param source track wbr".split()
)
TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
# Long enough for the longest real minutes (a 200-page PDF reads in about 10 s).
IMPORT_TIME_LIMIT_SECONDS = 20


def refuse_deep_html(data: bytes) -> None:
    """Refuse HTML whose elements nest more than MAX_HTML_DEPTH deep, counted as a
    parser would nest them (a stray closing tag closes nothing), in one pass."""
    if data.count(b"<") <= MAX_HTML_DEPTH:
        return
    steps = [
        -1 if closing else 1
        for closing, name, self_closing in TAG.findall(data)
        if not self_closing and name.lower() not in VOID_ELEMENTS
    ]
    # The depth after each tag is the running sum less the lowest it fell to
    # before, since closing tags at depth 0 close nothing.
    sums = list(itertools.accumulate(steps, initial=0))
    floors = itertools.accumulate(sums, min)
    depth = max(map(operator.sub, sums, floors), default=0)
    if depth > MAX_HTML_DEPTH:
        raise MinutesError(
            f"nests its HTML {depth:,} elements deep; pages nested more than "
            f"{MAX_HTML_DEPTH:,} deep are refused: save it again from Word, or as text"
        )


def within_time_limit(read, *args, seconds=None, **kwargs):
    """read(*args, **kwargs), stopped cleanly once it has run `seconds`.

    It runs in a process of its own, which is killed when the time is up: a file
    no limit foresaw can hold up neither the web worker nor the command. The
    reading is plain computation (no database), and its result comes back
    pickled. The process is forked from a fork server, not from this process: a
    fork of a process with threads (runserver's, a Celery worker's, a database
    pool's) can inherit a lock held by another thread and hang until killed.
    """
    seconds = IMPORT_TIME_LIMIT_SECONDS if seconds is None else seconds
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["meetings.reading_process"])
    receiver, sender = context.Pipe(duplex=False)
    reader = context.Process(
        target=_read_and_send, args=(sender, read, args, kwargs), daemon=True
    )
    reader.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise MinutesError(
                f"took more than {seconds:g} seconds to read and was stopped: split "
                "it into shorter files, or save it again as a .docx or .txt"
            )
        outcome = receiver.recv()
    except EOFError:
        outcome = RuntimeError("The reading process ended without an answer.")
    finally:
        reader.kill()
        reader.join()
        receiver.close()
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _read_and_send(sender, read, args, kwargs):
    try:
        outcome = read(*args, **kwargs)
    except MinutesError as refused:
        outcome = refused
    except Exception as error:  # noqa: BLE001 - reported to the parent as it was
        outcome = RuntimeError(f"Reading the file failed: {error!r}")
    sender.send(outcome)
    sender.close()
