from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from directory.services import site_structure_ensure


class Command(BaseCommand):
    help = "Create the home page, the directory and the categories if they are missing."

    def handle(self, *args, **options):
        index = site_structure_ensure()
        self.stdout.write(_("サイトの準備ができました: %(url)s") % {"url": index.url})
