{{ rule(name='Asn_SyntaxError', level=3, asn_type='image3') }}
{# A rule whose {% if %} block is never closed: a Jinja syntax error on line 5. #}
SELECT *
FROM {{ items() }} AS i
{% if finalize %}
WHERE true
