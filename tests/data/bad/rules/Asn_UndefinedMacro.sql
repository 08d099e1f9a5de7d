{{ rule(name='Asn_UndefinedMacro', level=3, asn_type='image3') }}
{# A rule calling a macro that does not exist, on line 4. #}
SELECT *
FROM {{ no_such_macro() }}
