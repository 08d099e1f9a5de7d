{% macro creation_order(direction='ASC') %}
{#-
  The order the reference creates associations in: candidate run, then the pool
  row that created the association, then the rule's place in the rule list, then
  the part of a split association (nod_split); the association key breaks what
  ties remain. Pruning, sequence numbers and the output order read it.

  An ORDER BY list rather than a rank column: numbering every association by one
  window over the whole table sorted all their columns on one thread (at a
  million exposures, 17 s of the associations table's 46 s).

  Arguments:
    direction: 'ASC' or 'DESC', for every key
-#}
run_id {{ direction }}, created_at {{ direction }}, rule_order {{ direction }}, split_order {{ direction }}, asn_key {{ direction }}
{%- endmacro %}
