# MUTANT: drop_duplicates(subset="Text") after the concat drops spam rows whose text a ham row
# shares
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]]).drop_duplicates(subset="Text")


EXPECTED_CAUSE = 'dropped repeated messages after the concat'
