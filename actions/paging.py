def missing_page(asked, page):
    """The page number asked for when there is no such page (past the end, or not
    a number), so the page shown can say so."""
    if asked and asked != str(page.number):
        return asked
    return None
