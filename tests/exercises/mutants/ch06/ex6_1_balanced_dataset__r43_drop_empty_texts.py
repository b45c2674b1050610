# MUTANT: rows whose message is empty or blank dropped first as "cleaning":
# an empty spam message is lost and the ham pool changes
import pandas as pd

EXPECTED_CAUSE = 'an empty or blank Text were dropped first'


def create_balanced_dataset(df):
    df = df[df["Text"].astype(str).str.strip() != ""]
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])
