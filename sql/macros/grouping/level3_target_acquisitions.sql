{% macro level3_target_acquisitions(columns) %}
{#-
  The target acquisitions a Level 3 rule's constraints meet before its TA
  path takes them (AsnMixin_Science): a SELECT for level3_groups(ta_relation=...).
  A TA joins an association only through the TA path (same PROGRAM and
  INSTRUME, no IS_IMPRT, an OBS_NUM of a science member), but the rule's
  own constraints see it first and may fix pins that were still unset.

  A TA never starts an association here: level3_groups replays TAs only
  against associations its science rows created, and level3_associations adds
  TAs only to associations with science members. So this selection opens no
  rule gate (starts=false): a pool whose only rows a rule could take are TAs
  skips the rule.

  Arguments:
    columns: list of SQL select items: the rule's optional-key columns, named
      as in its relation, and whatever its ta_steps checks read
-#}
SELECT run_id, _row, program, instrume, obs_num,
       {{ columns | join(',\n       ') }}
FROM {{ items() }}
WHERE {{ all_checks({
    'a target acquisition': 'is_target_acq',
    'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
    'has an OBS_NUM': 'obs_num IS NOT NULL',
}, stage='target acquisitions', starts=false) }}
{%- endmacro %}

{# The shared constraints as a TA meets them, for level3_groups(ta_steps=...): the
   TA's columns are `t`, the bucket's keys `b` (see level3_groups). #}
{% set LEVEL3_NOT_TSO_TA_STEPS = [{'check': 'NOT t.is_tso'}] %}
{# Constraint_Optical_Path: filter, pupil/grating, a slit other than S200A1/S200A2
   (optional pins), then SUBARRAY (a required key). #}
{% set LEVEL3_OPTICAL_TA_STEPS = [{'pin': 'opt_filter'}, {'pin': 'opt_elem2'}, {'pin': 'fxd_slit_pin'},
                                  {'check': 't.subarray = b.subarray'}] %}
{# Constraint_Target(association): a TA is target-checked (TARGETID required). #}
{% set LEVEL3_TARGET_TA_STEPS = [{'pin': 'target', 'required': true}] %}
