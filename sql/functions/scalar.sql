-- Scalar SQL functions used by models, rules and post-processing.
-- They are created once per connection, before any model runs.
-- Values from the pool only ever reach these as column data.

-- A pool value is "valid" unless it is one of the reference generator's
-- empty tokens (compared after lower-casing). Returns NULL for an empty token.
-- NULL needs no test of its own: `NULL IN (...)` is NULL, so the CASE gives x,
-- NULL (the test, once per pool column, was a third of the exposures model's
-- planning: mega_pool 18 -> 11 ms for the same values)
CREATE OR REPLACE MACRO valid_value(x) AS
    CASE WHEN x IN ('', 'null', '--', 'n', 'f', 'false', 'n/a') THEN NULL ELSE x END;

-- Python's re.escape: a backslash before every regex-special character.
-- Pinned values are stored escaped, so product names carry the escapes too.
CREATE OR REPLACE MACRO regex_escape(x) AS
    regexp_replace(x, '([()\[\]{}?*+\-|^$\\.&~# \t\n\r\x0b\x0c])', '\\\1', 'g');

-- Left-pad text with a character to a minimum width (Python's '{:0>Ns}').
CREATE OR REPLACE MACRO pad_left(x, width, fill) AS
    CASE WHEN length(x) >= width THEN x ELSE lpad(x, width, fill) END;

-- Integer parse as Python's int(str): NULL when the text is not an integer.
CREATE OR REPLACE MACRO parse_int(x) AS
    TRY_CAST(CASE WHEN regexp_full_match(trim(x), '[+-]?[0-9]+(_[0-9]+)*')
                  THEN replace(trim(x), '_', '') END AS HUGEINT);

-- Two pin lists are compatible when, element by element, either side is
-- unset (NULL) or both are equal. Used by the NULL-tolerant grouping fold.
CREATE OR REPLACE MACRO pins_compatible(pins, sig) AS
    coalesce(list_bool_and(list_transform(list_zip(pins, sig),
        lambda p: p[1] IS NULL OR p[2] IS NULL OR p[1] = p[2])), true);

-- Pins after a compatible row joined: unset pins take the row's values.
CREATE OR REPLACE MACRO pins_merge(pins, sig) AS
    list_transform(list_zip(pins, sig), lambda p: coalesce(p[1], p[2]));

-- A string as a JSON literal, exactly as Python's json.dumps writes it (ensure_ascii):
-- printable ASCII as is, " and \ escaped, \n \r \t \b \f by name, any other
-- character as \uXXXX (lower-case hex; a surrogate pair beyond U+FFFF). NULL is null.
CREATE OR REPLACE MACRO json_char(c) AS
    CASE WHEN c = '"' THEN '\"'
         WHEN c = '\' THEN '\\'
         WHEN c = chr(10) THEN '\n'
         WHEN c = chr(13) THEN '\r'
         WHEN c = chr(9) THEN '\t'
         WHEN c = chr(8) THEN '\b'
         WHEN c = chr(12) THEN '\f'
         WHEN unicode(c) BETWEEN 32 AND 126 THEN c
         WHEN unicode(c) < 65536 THEN '\u' || lpad(lower(hex(unicode(c))), 4, '0')
         ELSE '\u' || lower(hex(55296 + ((unicode(c) - 65536) >> 10)))
              || '\u' || lower(hex(56320 + ((unicode(c) - 65536) & 1023)))
    END;

-- json_text() for the common case, cheap to plan: NULL when x needs escaping.
CREATE OR REPLACE MACRO json_quote(x) AS
    CASE WHEN x IS NULL THEN 'null'
         WHEN NOT regexp_matches(x, '[^ !#-\[\]-~]') THEN '"' || x || '"'
    END;

CREATE OR REPLACE MACRO json_text(x) AS
    CASE WHEN x IS NULL THEN 'null'
         WHEN NOT regexp_matches(x, '[^ !#-\[\]-~]') THEN '"' || x || '"'
         ELSE '"' || array_to_string(list_transform(string_split(x, ''), lambda c: json_char(c)), '') || '"'
    END;
