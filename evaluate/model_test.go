package evaluate

import (
	"bytes"
	"testing"

	"github.com/framing/framing/model"
)

// mbicDir is the copy of MBIC the shipped model is trained on.
const mbicDir = "../model/mbic"

func readMBIC(t *testing.T) ([]MBICSentence, []MBICArticle, TrainOptions) {
	t.Helper()
	sents, arts, err := ReadMBIC(mbicDir)
	if err != nil {
		t.Fatal(err)
	}
	var opts TrainOptions
	if opts.BiasLexicon, err = ReadBiasLexicon(mbicDir); err != nil {
		t.Fatal(err)
	}
	return sents, arts, opts
}

// Training on MBIC gives the shipped weights, byte for byte: the weights
// are what the code and the data make, and nothing was edited by hand.
func TestTrainingRebuildsTheShippedModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the model")
	}
	sents, arts, opts := readMBIC(t)
	m, _, err := Train(sents, arts, opts)
	if err != nil {
		t.Fatal(err)
	}
	var w, v bytes.Buffer
	if err := model.Write(&w, m); err != nil {
		t.Fatal(err)
	}
	if err := model.WriteVocab(&v, m.Vocab); err != nil {
		t.Fatal(err)
	}
	shipW, shipV := model.DefaultBytes()
	if !bytes.Equal(w.Bytes(), shipW) {
		t.Error("the trained weights differ from model/weights/loaded.txt: run `go run ./cmd/framing model train`")
	}
	if !bytes.Equal(v.Bytes(), shipV) {
		t.Error("the trained vocabulary differs from model/weights/vocab.tsv: run `go run ./cmd/framing model train`")
	}
}

// Floors on the grouped cross-validation, a little under what was
// measured (README, The loadedness model): a change to the features, the
// rules or the training that costs ranking, precision or recall fails here.
func TestCrossValidationFloors(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-validates the model")
	}
	sents, arts, opts := readMBIC(t)
	rep, err := EvaluateModel(sents, arts, opts, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		name string
		cv   *CVResult
	}{{"by article", rep.ByArticle}, {"by topic", rep.ByTopic}} {
		best, ok := BestRecall(r.cv.Points, 0.40)
		t.Logf("%s: token AUC %.3f %v, sentence AUC %.3f %v, shipped P %.3f R %.3f, recall at P>=0.40 %.3f (threshold %.2f)",
			r.name, r.cv.TokenAUC, r.cv.TokenAUCCI, r.cv.SentAUC, r.cv.SentAUCCI, r.cv.Words.Precision, r.cv.Words.Recall, best.Recall, best.Threshold)
		for _, f := range []struct {
			what       string
			got, floor float64
		}{
			{"token AUC", r.cv.TokenAUC, 0.86},
			{"sentence AUC", r.cv.SentAUC, 0.74},
			{"precision at the shipped thresholds", r.cv.Words.Precision, 0.62},
			{"recall at the shipped thresholds", r.cv.Words.Recall, 0.15},
			{"recall at precision 0.40", best.Recall, 0.60},
		} {
			if f.got < f.floor {
				t.Errorf("%s: %s %.3f is below %.2f", r.name, f.what, f.got, f.floor)
			}
		}
		if !ok {
			t.Errorf("%s: no threshold reaches precision 0.40", r.name)
		}
		// The intervals hold the figure they are around.
		if !(r.cv.TokenAUCCI[0] <= r.cv.TokenAUC && r.cv.TokenAUC <= r.cv.TokenAUCCI[1]) {
			t.Errorf("%s: token AUC %.3f outside its interval %v", r.name, r.cv.TokenAUC, r.cv.TokenAUCCI)
		}
		// Calibration: predicted and observed agree within a few points in
		// every decile.
		for _, d := range r.cv.Calibration {
			if d.Observed-d.Predicted > 0.05 || d.Predicted-d.Observed > 0.05 {
				t.Errorf("%s: decile %.3f-%.3f predicts %.3f, observes %.3f", r.name, d.Lo, d.Hi, d.Predicted, d.Observed)
			}
		}
	}
}
