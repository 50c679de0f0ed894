import Foundation
import Testing
@testable import SwiftKernel

@Suite struct SourceKitCompletionTests {
    /// A codecomplete response as sourcekitd gives it, with one result per name.
    func response(_ names: [(name: String, kind: String)]) -> Data {
        let results = names.map { ["key.name": $0.name, "key.kind": $0.kind, "key.description": $0.name] }
        return try! JSONSerialization.data(withJSONObject: ["key.results": results])
    }

    @Test func theSessionsNamesAreOfferedWhenSourceKitMissesThem() {
        let json = response([("leaf", "source.lang.swift.decl.function.free"), ("learnMore()", "source.lang.swift.decl.function.free")])
        let completion = SourceKitAssistant.completion(fromResponse: json, prefix: "lea", afterDot: false, start: 6, end: 9,
                                                       sessionNames: ["learningRateSchedule", "learnMore", "model", "__cell3_b0"])
        #expect(completion.matches == ["leaf", "learningRateSchedule", "learnMore"])
        // Details come from sourcekitd only: it alone knows the kinds and signatures.
        #expect(completion.details.map(\.text) == ["leaf", "learnMore"])
    }

    @Test func afterADotOnlySourceKitsMembersAreOffered() {
        let json = response([("count", "source.lang.swift.decl.var.instance"), ("self", "source.lang.swift.keyword")])
        let completion = SourceKitAssistant.completion(fromResponse: json, prefix: "c", afterDot: true, start: 7, end: 8,
                                                       sessionNames: ["counter"])
        #expect(completion.matches == ["count"])
    }
}
