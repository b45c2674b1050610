# MUTANT: ham sampled from the Text column only (a Series), so ham rows lose their Label
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df['Label'] == 'spam').sum()
    ham = df.loc[df['Label'] == 'ham', 'Text'].sample(num_spam, random_state=123)
    return pd.concat([ham, df[df['Label'] == 'spam']])


EXPECTED_CAUSE = '(a Series)'
