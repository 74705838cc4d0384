"""The sample minutes the importer's tests read, one per layout."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
# Word's tab-separated text export of real, published minutes.
MARCH_2021 = FIXTURES / "monthly-assurance-2021-03.txt"
# Numbered paragraphs, a header table and "Present:" lines.
APRIL_2021 = FIXTURES / "performance-review-2021-04.docx"
# HTML tables with an owner column.
SEPTEMBER_2022 = FIXTURES / "audit-committee-2022-09.html"
