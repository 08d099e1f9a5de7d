{% macro level2_nod_associations(members, finalize, describe=[], prune_imprints=false, family=false) %}
{#-
  The output of a Level 2b nod rule (Asn_Lv2NRSFSS, Asn_Lv2NRSMSA,
  Asn_Lv2NRSIFUNod) from its level3_groups members: one association per
  group (the group's creation row stands for its science row), named by
  level2_associations; when finalizing, imprints pruned (prune_imprints)
  and every nod set split into one association per science member
  (nod_split). Ends the statement.

  Arguments:
    members: the level3_groups CTE (grouped_members)
    finalize: the template's `finalize` (macros do not see the context)
    describe: item columns shown in the constraints text
    prune_imprints: true to prune imprints (imprint_prune) before the split
    family: the members are those of several nod rules (a rule family,
      models/level2_nod_family.sql: a `rule` column); describe may then be a
      mapping rule -> columns. A family prunes no imprints (its rules do not ask).
-#}
{% if family and prune_imprints %}
{{ raise_error('level2_nod_associations: a rule family prunes no imprints') }}
{% endif %}
nod_members AS (
    SELECT {{ 'rule, ' if family }}run_id, created_at AS science_row, created_at, _row, exptype
    FROM {{ members }}
),
{{ level2_associations('nod_members', describe=describe, into='gathered', family=family) }}
{% if finalize %}
, {% if prune_imprints %}{{ imprint_prune('gathered', members='nod_members', into='pruned') }},
{% endif %}
{{ nod_split('pruned' if prune_imprints else 'gathered', into='split', degraded_known=prune_imprints,
             family=family) }}
SELECT * FROM split
{% else %}
SELECT * FROM gathered
{% endif %}
{%- endmacro %}
