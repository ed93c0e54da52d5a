"""Profile version 1009: the finder and the chains list count only the
translations readers may see, so a draft translation no longer hides its
original (the ``finder_languages`` index is rebuilt); and Plone's navigation
portlet leaves the site root, so the reader's pages have one navigation;
each start page's offer-a-flat tile leads to the form in its own language."""
