"""The input stage: files in, clean accounts and relationships out.

Its modules follow the data one way; each imports only modules listed before it:

- ``values``: one cell read as a count, number, link or handle; ``schema``: the fields and the
  headings people write for them.
- ``files``: a file as bytes (a path or an upload), its name in messages, the size limit.
- ``decode``: bytes to text (UTF-8, UTF-16, Windows-1252...), refusing what is no spreadsheet.
- ``excel``: a workbook's sheets as grids of text, within the size and cell limits.
- ``sheets``: a CSV file or a workbook as tables of text under their heading rows.
- ``dates``: date cells; ``columns``: the ``--column`` mappings (ColumnMap).
- ``graphread``: GEXF and GraphML files as tables; ``wide``: a column per platform read as one
  account per cell; ``toolcells``: NodeXL and Kumu cells.
- ``headings``: the "Columns" line; ``shapes``: which shape the files are (long, wide, NodeXL,
  Kumu, Gephi, links alone) and which sheet holds what.
- ``guess``: the app's column step, guessing a column that no heading names.
- ``cells``: what the checks share; ``identity``: which rows are one account; ``links``: which
  account a relationship end means.
- ``accounts``, ``relationships``: clean tables, every problem an Issue; ``tables``: both,
  the links checked against the accounts.

Nothing is re-exported here: import from the module that does the work.
"""
