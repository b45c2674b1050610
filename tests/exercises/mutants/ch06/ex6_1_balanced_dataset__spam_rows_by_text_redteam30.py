# MUTANT: spam rows kept by text (df.Text.isin(spam texts)): ham rows with a spam text come too
import pandas as pd


def create_balanced_dataset(df):
    spam_texts = df.loc[df["Label"] == "spam", "Text"]
    spam = df[df["Text"].isin(spam_texts)]
    ham_subset = df[df["Label"] == "ham"].sample(len(spam_texts), random_state=123)
    return pd.concat([ham_subset, spam])


EXPECTED_CAUSE = 'the rows were picked by their Text'
