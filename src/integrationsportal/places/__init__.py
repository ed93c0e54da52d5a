"""Places: where an organisation, an offer or a flat is, how far it is, and
how to get there.

- ``geo``: points, distances (haversine) and their checks;
- ``interfaces``: the map settings (tiles, attribution, geocoder) and the
  district's gazetteer (municipality centres, postal codes, outline, journey
  planner), filled from the site profile's ``[places]`` section;
- ``behavior``: the map point of Organisation, Offer and HousingOffer;
- ``gazetteer``: reads the district's places; ``near`` values become points;
- ``indexers``: the effective point of each item (an offer without its own
  point takes its provider's, then its municipality's centre);
- ``geocoding``: an editor's address found on the map through a
  Nominatim-compatible service, only if one is set;
- ``maps``: the map figure (Leaflet, with a drawn outline of the district
  when there is no JavaScript or no tile server);
- ``setup``: install and upgrade.
"""
