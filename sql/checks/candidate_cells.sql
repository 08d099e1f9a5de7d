{#
  ASN_CANDIDATE cells that name no candidate, one row per pool row:
  _row, filename (raw text), cell (raw text), verdict.

  verdict 'aborts': the reference's candidate parser (literal evaluation, then
  iteration over (id, type) pairs) stops the whole run on this cell with a
  TypeError: a number that is not an integer ('1.5'), or a list or tuple literal made of
  quoted strings and numbers in which, before any element the parser skips, it
  meets a bare number or a pair whose id is a number ('[1, 2]', "[(1, 'x')]").
  verdict 'no_candidate': any other non-empty cell from which the candidates
  model reads no candidate (malformed text, a bare pair, a list of odd items);
  the reference reads none from it either and carries on.
  Empty tokens and empty sequences ('[]') are not reported.
#}
{% set STR = "(?:'[^'\\\\]*'|\"[^\"\\\\]*\")" %}
{# Python number literals (values are lower-cased): an int has no leading zero #}
{% set DIGITS = "\\d(?:_?\\d)*" %}
{% set INT = "(?:[1-9](?:_?\\d)*|0(?:_?0)*)" %}
{% set POINT = "(?:(?:" ~ DIGITS ~ ")?\\." ~ DIGITS ~ "|" ~ DIGITS ~ "\\.)" %}
{% set FLOAT = "(?:(?:" ~ POINT ~ "|" ~ DIGITS ~ ")e[+-]?" ~ DIGITS ~ "|" ~ POINT ~ ")" %}
{% set NON_INT = "[+-]?(?:" ~ FLOAT ~ "|(?:" ~ FLOAT ~ "|" ~ DIGITS ~ ")j)" %}
{% set NUM = "(?:" ~ NON_INT ~ "|[+-]?" ~ INT ~ ")" %}
{% set ATOM = "(?:" ~ STR ~ "|" ~ NUM ~ ")" %}
{% set SEQ = "[\\[(]\\s*(?:" ~ ATOM ~ "(?:\\s*,\\s*" ~ ATOM ~ ")*\\s*,?\\s*)?[\\])]" %}
{% set ELEM = "(?:" ~ SEQ ~ "|" ~ ATOM ~ ")" %}
{% set CELL_SEQ = "[\\[(]\\s*(?:" ~ ELEM ~ "(?:\\s*,\\s*" ~ ELEM ~ ")*\\s*,?\\s*)?[\\])]" %}
WITH cells AS (
    -- raw texts from exposures (the pool view splits every line again per scan)
    SELECT p._row, p.raw_filename AS filename, p.raw_asn_candidate AS cell, trim(p.raw_asn_candidate) AS text
    FROM exposures p
    WHERE valid_value(trim(p.raw_asn_candidate)) IS NOT NULL
      AND NOT regexp_full_match(trim(p.raw_asn_candidate), '[\[(]\s*[\])]')
      AND p._row NOT IN (SELECT _row FROM candidates)
),
sequences AS (
    -- list and tuple literals ('(x)' without a comma is x itself, not a tuple)
    SELECT _row, regexp_extract_all(text[2:-2], {{ ELEM | sqlstr }}) AS elements
    FROM cells
    WHERE regexp_full_match(text, {{ CELL_SEQ | sqlstr }})
      AND (starts_with(text, '[') OR contains(text, ','))
),
classified AS (
    -- each element as the parser meets it: 'ok' (an (id, type) pair or a
    -- two-character string), 'skip' (ValueError: parsing of the cell stops),
    -- 'crash' (TypeError: the run stops)
    SELECT _row, list_transform(elements, lambda e:
        CASE
            WHEN regexp_full_match(e, {{ NUM | sqlstr }}) THEN 'crash'
            WHEN regexp_full_match(e, {{ STR | sqlstr }}) THEN
                CASE WHEN length(e) = 4 THEN 'ok' ELSE 'skip' END
            WHEN starts_with(e, '(') AND NOT contains(e, ',')
                 AND regexp_full_match(e[2:-2].trim(), {{ NUM | sqlstr }}) THEN 'crash'
            WHEN starts_with(e, '(') AND NOT contains(e, ',') THEN
                CASE WHEN length(e[2:-2].trim()) = 4 THEN 'ok' ELSE 'skip' END
            WHEN len(regexp_extract_all(e, {{ ATOM | sqlstr }})) <> 2 THEN 'skip'
            WHEN regexp_full_match(regexp_extract_all(e, {{ ATOM | sqlstr }})[1], {{ NUM | sqlstr }})
                THEN 'crash'
            ELSE 'ok'
        END) AS verdicts
    FROM sequences
),
aborting AS (
    SELECT _row FROM classified
    WHERE list_filter(verdicts, lambda v: v <> 'ok')[1] = 'crash'
    UNION ALL
    SELECT _row FROM cells
    WHERE regexp_full_match(text, {{ ("\\(*\\s*" ~ NON_INT ~ "\\s*\\)*") | sqlstr }})
      AND length(regexp_replace(text, '[^(]', '', 'g')) = length(regexp_replace(text, '[^)]', '', 'g'))
)
SELECT c._row, c.filename, c.cell,
       CASE WHEN c._row IN (SELECT _row FROM aborting) THEN 'aborts' ELSE 'no_candidate' END AS verdict
FROM cells c
ORDER BY c._row
