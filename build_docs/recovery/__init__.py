"""The recovery engine: a seed's lines in, its articles out.

Stages, in the order a file goes through them:

- `normalise` – line passes (punctuation widths, justification spaces) and `unwrap`, which
  rejoins hard-wrapped columns and blank lines in mid-sentence;
- `columns` – text laid out in two columns side by side (PDF extraction) read column by column;
- `evidence` – scored features of a line (title, byline, date, furniture) for decisions no
  declared shape settles;
- `headlines` and `bylines` – headline blocks and the people who signed them;
- `parse` – a file split at its headlines, bodies given to headlines by content;
- `blocks` – a body's structure as ordered named passes.
"""
