"""Installer for the integrationsportal package."""

from pathlib import Path
from setuptools import find_packages
from setuptools import setup


long_description = "\n\n".join(
    [
        Path("README.md").read_text(encoding="utf-8"),
        Path("CHANGES.md").read_text(encoding="utf-8"),
    ]
)


setup(
    name="integrationsportal",
    version="1.0.0.dev0",
    description=(
        "A Plone portal for districts and cities that bring refugees into "
        "apprenticeships and work: offers, contacts, process chains, round tables "
        "and a housing tool, in the reader's language."
    ),
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Framework :: Plone :: Classic UI",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Operating System :: OS Independent",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
        "Natural Language :: German",
        "Natural Language :: English",
    ],
    keywords="Plone CMS integration refugees municipality Landkreis",
    license="GPL version 2",
    packages=find_packages("src"),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.10,<3.14",
    install_requires=[
        "Products.CMFPlone>=6.2.2,<6.3",
        "plone.classicui",
        "plone.distribution",
        "plone.api",
        "plone.restapi",
        "plone.app.dexterity",
        "plone.app.multilingual",
        "collective.easyform",
        "plone.app.caching",
        "babel",
        "segno",
        # Snowball stemmers for the reader search (search/analysis.py)
        "PyStemmer",
        "vobject",
        # the map point of places (places/): field, widget, REST (de)serializer
        "plone.formwidget.geolocation",
        "weasyprint",
        # the instance's metrics for Prometheus (operations/metrics.py)
        "prometheus-client",
        "tomli>=2.0; python_version<'3.11'",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "pytest",
            "pytest-plone",
            "hypothesis",
            "pypdf",
            "pyzbar",
            "requests",
            "playwright",
            "aiosmtpd",
            # reads the GeoJSON open data in the places tests
            "shapely",
        ],
        # the scale-out: RelStorage on PostgreSQL (deploy/, make cluster)
        "cluster": [
            "RelStorage",
            "psycopg2-binary",
        ],
    },
    entry_points="""
    [z3c.autoinclude.plugin]
    target = plone
    """,
)
