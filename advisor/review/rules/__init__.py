"""One module per review rule. Each defines RULE (a kit.Rule), its pure check(template, graph)
and a thin cfn-lint adapter class, so `cfn-lint --append-rules advisor/review/rules` runs the
same code. Good and bad fixture templates for each rule live in fixtures/<rule-name>/.
"""
