"""Stage 1b: readers that turn a saved page, a Word document or a newspaper PDF into seed lines.

Every reader returns an `Extracted`: the lines a clean plain-text copy of the article(s) would
hold, the place of each line in the format's own terms (`¶12`, `#p7`, `p3`), what the reader
dropped as furniture (listed on 校勘记 so nothing disappears unaccounted), and the evidence the
format gives for sure (a `<title>`, a Word "Title" style, a headline's font size).  Readers are
imported lazily, only when a file of their format is present, so plain-text builds pay nothing.
"""
