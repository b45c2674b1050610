# MUTANT: messages cut to max_length but padded to the longest message's length
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        self.encoded_texts = [tokenizer.encode(t) for t in self.data['Text']]
        longest = max(len(e) for e in self.encoded_texts)
        self.max_length = longest if max_length is None else max_length
        self.encoded_texts = [e[:self.max_length] for e in self.encoded_texts]
        self.encoded_texts = [e + [pad_token_id] * (longest - len(e)) for e in self.encoded_texts]

    def __getitem__(self, index):
        label = self.data.iloc[index]['Label']
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = 'but padded to 11, the longest'
