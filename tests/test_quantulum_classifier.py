"""quantulum3's pickled classifier is never loaded, whatever scikit-learn is installed."""

import quantulum3.classifier as quantulum_classifier

from extract import figures


def test_classifier_is_off_and_never_called(monkeypatch):
    import extract.engine.units  # noqa: F401 - importing the engine switches the classifier off

    assert quantulum_classifier.USE_CLF is False

    def explode(*args, **kwargs):
        raise ModuleNotFoundError("No module named '_loss'")  # what scikit-learn 1.9 raises

    monkeypatch.setattr(quantulum_classifier, "disambiguate_unit", explode)
    monkeypatch.setattr(quantulum_classifier, "disambiguate_entity", explode)
    monkeypatch.setattr(quantulum_classifier, "_get_classifier", explode)
    # Surfaces with several meanings in quantulum3's lexicon: pounds, degrees, C, ounces, m.
    table = figures("He weighed 208 pounds. The temperature was 12 C. Gold hit $1,271 an ounce. The 37m skeleton. "
                    "Costs rose 30 pounds. The 5 degree slope.")
    assert table["unit"].tolist() == ["pound-mass", "degree Celsius", "USD/ounce", "metre", "GBP", "degree"]
