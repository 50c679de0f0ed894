import Testing
@testable import Frames

/// Preparing a table for a model, with the values pandas 3.1 and scikit-learn give for the same frames.
@Suite struct PreparationTests {
    static let patients = try! DataFrame(csvText: """
        diagnosis,radius,texture,clinic
        M,17.99,10.38,north
        B,13.54,,south
        M,20.57,17.77,north
        B,11.42,20.38,
        B,12.45,15.7,south
        """)

    @Test func mapTurnsClassesIntoNumbersAndUnknownOnesIntoMissing() throws {
        // pandas: df["diagnosis"].map({"M": 1, "B": 0})
        let mapped = try Self.patients["diagnosis"].map(["M": 1, "B": 0])
        #expect(mapped.data == .numeric([1, 0, 1, 0, 0]) && mapped.name == "diagnosis" && mapped.index == [0, 1, 2, 3, 4])
        let partial = try Self.patients["diagnosis"].map(["M": 1]).data.numbers ?? []
        #expect(partial[0] == 1 && partial[1].isNaN)
        var frame = Self.patients
        try frame.setColumn("diagnosis", mapped.data)
        #expect(try frame["diagnosis"].numbers() == [1, 0, 1, 0, 0])
    }

    @Test func rowsOrColumnsWithMissingValuesAreDropped() throws {
        // pandas: df.dropna() keeps rows 0, 2, 4; df.dropna(axis="columns") keeps diagnosis and radius.
        let rows = Self.patients.droppingRowsWithMissingValues()
        #expect(rows.index == [0, 2, 4] && rows.columnNames == Self.patients.columnNames)
        #expect(Self.patients.droppingColumnsWithMissingValues().columnNames == ["diagnosis", "radius"])
    }

    @Test func oneHotEncodingGivesAColumnPerCategoryInSortedOrder() throws {
        // pandas: pd.get_dummies(df, columns=["clinic"], dtype=float)
        let encoded = try Self.patients.oneHot("clinic")
        #expect(encoded.columnNames == ["diagnosis", "radius", "texture", "clinic_north", "clinic_south"])
        #expect(try encoded["clinic_north"].numbers() == [1, 0, 1, 0, 0])
        #expect(try encoded["clinic_south"].numbers() == [0, 1, 0, 0, 1])
        let numeric = try DataFrame(["grade": [3, 1, 10, 3]]).oneHot("grade")
        #expect(numeric.columnNames == ["grade_1", "grade_3", "grade_10"])
        #expect(throws: FrameError.unknownColumn(name: "clinc", suggestion: "clinic")) { try Self.patients.oneHot("clinc") }
    }

    @Test func aStandardScalerUsesTheTrainingRowsStatistics() throws {
        // sklearn: StandardScaler().fit([[1], [2], [3], [4]]): mean_ 2.5, scale_ 1.118034; a constant column's scale_ is 1.
        let train = try DataFrame(["x": [1, 2, 3, 4], "c": [5, 5, 5, 5]])
        let scaler = try StandardScaler(fitting: train)
        #expect(scaler.columns == ["x", "c"] && scaler.means == [2.5, 5] && scaler.scales == [Double(1.25).squareRoot(), 1])
        let scaled = try scaler.transform(try DataFrame(["x": [2.5, 5], "c": [5, 6]]))
        #expect(try scaled["x"].numbers() == [0, 2.5 / Double(1.25).squareRoot()] && scaled["c"].numbers() == [0, 1])
        #expect(throws: FrameError.unknownColumn(name: "x", suggestion: "y")) { try scaler.transform(try DataFrame(["y": [1]])) }
        // Missing values are left out of the statistics and stay missing.
        let withGap = try StandardScaler(fitting: Self.patients, columns: ["texture"])
        #expect(withGap.means == [(10.38 + 17.77 + 20.38 + 15.7) / 4])
        #expect(try withGap.transform(Self.patients)["texture"].numbers()[1].isNaN)
    }

    @Test func aStratifiedSplitKeepsEachClassShare() throws {
        let labels = (0..<40).map { $0 % 4 == 0 ? "rare" : "common" }   // 10 rare, 30 common
        let frame = try DataFrame([(name: "label", data: .text(labels)), (name: "x", data: .numeric((0..<40).map(Double.init)))])
        let (train, test) = try frame.stratifiedSplit(fraction: 0.75, by: "label", seed: 3)
        #expect(train.rowCount == 30 && test.rowCount == 10)
        #expect(Set(train.index).isDisjoint(with: test.index) && Set(train.index + test.index) == Set(0..<40))
        let rareInTrain = try train["label"].data == .text(train.index.map { labels[$0] })
        #expect(rareInTrain)
        // 22.5 common and 7.5 rare rows: the one row left over goes to the first class of the tie.
        #expect(train.index.filter { $0 % 4 == 0 }.count == 7)
        let again = try frame.stratifiedSplit(fraction: 0.75, by: "label", seed: 3)
        #expect(again.train == train && again.test == test)
        #expect(try frame.stratifiedSplit(fraction: 0.75, by: "label", seed: 4).train.index != train.index)
        #expect(throws: FrameError.invalidArgument(name: "fraction", value: "1.5", expected: "in 0...1")) {
            try frame.stratifiedSplit(fraction: 1.5, by: "label", seed: 0)
        }
    }
}
