"""Publish built sites to a host, sending only the files whose hash changed and deleting what is gone.

    python scripts/publish.py public s3:ect-sites              # an rclone remote (README.md says how)
    python scripts/publish.py public /srv/www/ect               # a folder this machine serves or syncs
    python scripts/publish.py public s3:ect-sites --dry-run     # say what would be sent, send nothing
    python scripts/publish.py public s3:ect-sites --remove old-school --prune
    python scripts/publish.py public s3:ect-sites --gzip        # text files stored compressed (a bucket only)

Publishes every site in OUT that has a manifest (build.py writes SLUG.manifest.json beside each site
and national.manifest.json for the national site) and every shared theme folder (assets-VERSION/).
What the host holds is known from the manifests published there last time. A site whose files do not
match its manifest is named and not published; the others are.

Exit codes: 0 published; 1 a site was not published, or the host could not be reached or written
(rclone's message is shown; run again: it sends what is still missing); 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engines.uploading import PublishError, changed_urls, publish  # noqa: E402


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("out", type=Path, metavar="OUT", help="the folder build.py built into (its --out)")
    parser.add_argument("target", metavar="TARGET",
                        help="where to publish: an rclone remote and path (remote:bucket/prefix) or a folder")
    parser.add_argument("--remove", action="append", default=[], metavar="SLUG",
                        help="take this school's site off the host (its folder under schools/ was deleted)")
    parser.add_argument("--prune", action="store_true",
                        help="also delete shared theme folders on the host that no site names any more")
    parser.add_argument("--full", action="store_true",
                        help="send every file, whatever the host's manifests say (to repair a host changed by hand)")
    parser.add_argument("--gzip", action="store_true",
                        help="store pages, search indexes, stylesheets and scripts compressed, served with "
                             "Content-Encoding: gzip (about a fifth of the bytes; a bucket behind a CDN, not a folder)")
    parser.add_argument("--dry-run", action="store_true", help="say what would be sent and deleted; send nothing")
    parser.add_argument("--changed-urls", type=Path, metavar="FILE",
                        help="write every URL path whose content changed to FILE, for a CDN's invalidation")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if not arguments.out.is_dir():
        print(f"error: {arguments.out} is not a folder — give the folder build.py built into", file=sys.stderr)
        return 2
    try:
        publication = publish(arguments.out, arguments.target, remove=arguments.remove, prune=arguments.prune,
                              full=arguments.full, dry_run=arguments.dry_run, gzip_text=arguments.gzip)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    for plan in publication.plans:
        print(plan.summary(), file=sys.stderr if plan.problem else sys.stdout)
    for site in publication.removed:
        print(f"{site}: taken off the host")
    for site in sorted(set(arguments.remove) - set(publication.removed)):
        print(f"{site}: not taken off the host — it is not there, or its site is in {arguments.out} to publish")
    for folder in publication.pruned:
        print(f"{folder}: deleted (no site names it any more)")
    uploaded = sum(plan.upload_bytes for plan in publication.plans if not plan.problem)
    verb = "would upload" if arguments.dry_run else "uploaded"
    print(f"{arguments.target}: {verb} {len(publication.uploaded)} file(s) ({uploaded / 1_000_000:.2f} MB), "
          f"deleted {len(publication.deleted)}, for {len(publication.plans)} site(s) and shared folder(s)")
    if arguments.changed_urls:
        arguments.changed_urls.write_text("".join(url + "\n" for url in changed_urls(publication)), encoding="utf-8")
    if publication.failed:
        print(f"{len(publication.failed)} site(s) not published: {', '.join(publication.failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
