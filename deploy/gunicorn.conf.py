"""gunicorn settings for つなぐ (`gunicorn -c deploy/gunicorn.conf.py platform_site.wsgi`).

Workers sized to the cores: 2 × cores + 1 sync workers by default (each request is short and
mostly waits on PostgreSQL or Elasticsearch). The application is loaded once, in the master,
before the workers fork: a worker replaced after ``max_requests`` starts at once instead of
importing Django, Wagtail and the dictionaries again (seconds of CPU, felt as slow answers
by everyone under load). Every value can be set from the environment.
The access log has the path without its query string: search words may say who is looking.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (bounded memory growth), staggered by jitter.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# The reverse proxy on the same host sets X-Forwarded-Proto; trust it from there only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
