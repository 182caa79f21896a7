"""A judged query set over the demo directory and the metrics that score a backend on it.

``judgements`` holds the queries and what a support worker would expect them to find;
``metrics`` the formulas; ``runner`` runs a backend over the set (``manage.py evaluate_search``).
"""
