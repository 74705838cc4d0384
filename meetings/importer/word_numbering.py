"""Word's automatic numbering (numPr), written out as Word prints it: "3.", "3.1".

The number is not in the paragraph's text: Word counts the paragraphs of each list
and formats the count by the list level's numFmt and lvlText ("%1.%2").
"""

from docx.oxml.ns import qn

ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _roman(number):
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letter(number):
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


class WordNumbering:
    def __init__(self, document):
        self.levels = _levels(document)
        self.counts = {}  # numId -> [count per level]

    def label(self, paragraph):
        """The number Word shows before `paragraph`, or "" (bullets and plain text)."""
        num_id, level = _num_pr(paragraph)
        if num_id is None or (num_id, level) not in self.levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        start = self.levels[num_id, level]["start"]
        counts[level] = counts[level] + 1 if counts[level] else start
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        return self._format(num_id, level, counts)

    def _format(self, num_id, level, counts):
        definition = self.levels[num_id, level]
        if definition["format"] not in FORMATS:
            return ""
        text = definition["text"]
        for shown in range(level + 1):
            shown_level = self.levels.get((num_id, shown), definition)
            count = counts[shown] or shown_level["start"]
            number = FORMATS.get(shown_level["format"], str)(count)
            text = text.replace(f"%{shown + 1}", number)
        return text.strip()


def _num_pr(paragraph):
    """(numId, level) from the paragraph, or from its style and the styles it is
    based on; (None, 0) when it is not numbered."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        style_p_pr = style.element.pPr
        num_pr = style_p_pr.numPr if style_p_pr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None, 0
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), min(int(level), 8)


def _levels(document):
    """{(numId, level): {"format", "text", "start"}} from the numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstracts = {
        a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))
    }
    levels = {}
    for num in numbering.findall(qn("w:num")):
        abstract_ref = num.find(qn("w:abstractNumId"))
        abstract = (
            abstracts.get(abstract_ref.get(qn("w:val")))
            if abstract_ref is not None
            else None
        )
        if abstract is None:
            continue
        for lvl in abstract.findall(qn("w:lvl")):
            levels[num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl"), 0))] = {
                "format": _val(lvl, "w:numFmt", "decimal"),
                "text": _val(lvl, "w:lvlText", ""),
                "start": int(_val(lvl, "w:start", "1")),
            }
    return levels


def _val(element, tag, default):
    child = element.find(qn(tag))
    return child.get(qn("w:val"), default) if child is not None else default
