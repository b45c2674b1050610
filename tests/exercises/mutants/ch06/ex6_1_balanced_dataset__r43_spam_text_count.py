# MUTANT: the spam count read as the spam rows' Text.count(), which skips a missing
# (NaN) message: one ham row too few
import pandas as pd

EXPECTED_CAUSE = 'the spam count skipped the missing message'


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    num_spam = spam["Text"].count()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, spam])
