"""The page of a good-practice example."""

from integrationsportal.shared.pages import ContentView


class GoodPracticeView(ContentView):
    def federal_state(self):
        return self.term("integrationsportal.FederalStates", self.context.federal_state)

    def topics(self):
        return self.terms("integrationsportal.OfferCategories", self.context.topics)

    def source_date(self):
        return self.localized_date(self.context.source_date)
