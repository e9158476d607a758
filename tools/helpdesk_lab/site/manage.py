#!/usr/bin/env python
"""manage.py of the django-helpdesk lab site (run by the helpdesk venv's Python)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdlab.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
